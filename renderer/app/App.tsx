import { SignalBars } from '../components/SignalBars.tsx';

export function App() {
  return (
    <main>
      <h1>Ringfence</h1>
      <SignalBars csq={20} />
    </main>
  );
}
