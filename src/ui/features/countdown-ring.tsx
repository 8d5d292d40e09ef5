/** A circle that empties as the code's period runs out; its label says the seconds in words. */
export function CountdownRing({
  secondsRemaining,
  period,
}: {
  secondsRemaining: number;
  period: number;
}) {
  const radius = 9;
  const circumference = 2 * Math.PI * radius;
  const left = Math.max(0, Math.min(period, secondsRemaining));
  const fraction = period > 0 ? left / period : 0;
  return (
    <svg
      class={left <= 5 ? 'ring ring-ending' : 'ring'}
      role="img"
      aria-label={`${left} ${left === 1 ? 'second' : 'seconds'} left`}
      viewBox="0 0 24 24"
      width={24}
      height={24}
    >
      <circle class="ring-track" cx="12" cy="12" r={radius} fill="none" stroke-width="3" />
      <circle
        class="ring-fill"
        cx="12"
        cy="12"
        r={radius}
        fill="none"
        stroke-width="3"
        stroke-dasharray={circumference.toFixed(3)}
        stroke-dashoffset={(circumference * (1 - fraction)).toFixed(3)}
        transform="rotate(-90 12 12)"
      />
    </svg>
  );
}
